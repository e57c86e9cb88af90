# SYNTAX TEST "source.python" "NapCat and Milky names inside Python strings"
await bot.call_api("send_group_msg", group_id=1, message="hi")
#                   ^^^^^^^^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
await bot.call_action('set_group_kick', group_id=1, user_id=2)
#                      ^^^^^^^^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
await call_milky('send_group_message', group_id=1)
#                 ^^^^^^^^^^^^^^^^^^ support.function.milky-endpoint.napcat-milky
#                 ^^^^^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
requests.post(f"{base}/set_group_ban", json={"group_id": 1})
#                      ^^^^^^^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
r = requests.get(base + "/get_status")
#                         ^^^^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
frame = {'action': 'get_msg', 'params': {'message_id': 1}}
#                   ^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
raw = r'delete_msg' + u"get_group_info" + '''send_like'''
#       ^^^^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
#                       ^^^^^^^^^^^^^^ support.function.milky-endpoint.napcat-milky
#                                            ^^^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
url = "%s/get_group_member_list?no_cache=true" % base
#         ^^^^^^^^^^^^^^^^^^^^^ support.function.milky-endpoint.napcat-milky
logger.info("send_group_msg failed")
#            ^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
print(f"calling send_group_msg for {gid}")
#               ^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
# await bot.call_api("send_group_msg")
#                     ^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
x = 1  # "send_group_msg"
#         ^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
def f():
    """send_group_msg"""
#      ^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
    'get_msg'
#    ^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
async def send_group_msg(group_id, message):
#         ^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
    await bot.send_group_msg(group_id=group_id, message=message)
#             ^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
await client.post(f"http://{host}:{port}/api/v1/set_group_whole_ban", json=payload)
#                                               ^^^^^^^^^^^^^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
#                                       ^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
x = f"{a} send_group_msg"
#         ^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
x = f"send_like" + f"{handlers['get_msg']}"
#     ^^^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
#                               ^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
