"use strict";
window.AllowBackFromHistory = false;
function GoToMessage(message_id) { return false; }
