// SYNTAX TEST "source.js" "NapCat names inside JavaScript strings"
ws.send(JSON.stringify({ action: 'get_group_info', params: {} }));
//                                ^^^^^^^^^^^^^^ support.function.milky-endpoint.napcat-milky
bot.call('get_msg', { message_id: 1 });
//        ^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
