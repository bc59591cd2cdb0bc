window.__THAR_CONFIG = {
  "userInfo": {
    "accountId": "1190000000",
    "userName": "sudan_monitor"
  }
}