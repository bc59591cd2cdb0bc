window.YTD.account.part0 = [
  {
    "account": {
      "email": "x@example.org",
      "createdVia": "web",
      "username": "sudan_monitor",
      "accountId": "1190000000",
      "createdAt": "2019-11-01T10:00:00.000Z",
      "accountDisplayName": "Sudan Monitor"
    }
  }
]