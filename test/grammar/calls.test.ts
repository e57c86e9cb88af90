// SYNTAX TEST "source.ts" "NapCat and Milky names inside TypeScript strings"
callApi('send_group_msg', { group_id: 1 });
//       ^^^^^^^^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
callApi("send_group_message", { group_id: 1 });
//       ^^^^^^^^^^^^^^^^^^ support.function.milky-endpoint.napcat-milky
//       ^^^^^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
fetch(`${base}/set_group_kick`);
//             ^^^^^^^^^^^^^^ invalid.deprecated.napcat-action.napcat-milky
logger.warn('send_group_msg failed');
//           ^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
// send_group_msg in a comment
// ^^^^^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
const get_status = 1;
//    ^^^^^^^^^^ - invalid.deprecated.napcat-action.napcat-milky
