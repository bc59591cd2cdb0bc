window.YTD.tweets.part1 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1769000000000000001"
          ]
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": []
      },
      "display_text_range": [
        "0",
        "64"
      ],
      "favorite_count": "3",
      "id_str": "1769000000000000001",
      "truncated": false,
      "retweet_count": "1",
      "id": "1769000000000000001",
      "created_at": "Sat Mar 16 10:00:00 +0000 2024",
      "favorited": false,
      "full_text": "Curfew announced in Port Sudan from 8pm, state authorities said.",
      "lang": "en"
    }
  }
]