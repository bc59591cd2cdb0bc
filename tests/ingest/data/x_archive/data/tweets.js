window.YTD.tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1768000000000000001"
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
        "137"
      ],
      "favorite_count": "3",
      "id_str": "1768000000000000001",
      "truncated": false,
      "retweet_count": "1",
      "id": "1768000000000000001",
      "created_at": "Wed Mar 13 08:15:01 +0000 2024",
      "favorited": false,
      "full_text": "1/ Heavy fighting reported since dawn in Omdurman between the army and the RSF. Residents of Karari say shells hit homes near the market.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1768000000000000002"
          ]
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\">Twitter Web App</a>",
      "entities": {
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/abc123",
            "expanded_url": "https://example.org/sudan/omdurman",
            "display_url": "example.org/sudan/omdurman",
            "indices": [
              "0",
              "23"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "103"
      ],
      "favorite_count": "3",
      "id_str": "1768000000000000002",
      "truncated": false,
      "retweet_count": "1",
      "id": "1768000000000000002",
      "created_at": "Wed Mar 13 08:16:40 +0000 2024",
      "favorited": false,
      "full_text": "2/ Medical sources at Al Nao hospital count at least 11 dead and 40 wounded so far. https://t.co/abc123",
      "lang": "en",
      "in_reply_to_status_id_str": "1768000000000000001",
      "in_reply_to_status_id": "1768000000000000001",
      "in_reply_to_user_id": "1190000000",
      "in_reply_to_user_id_str": "1190000000",
      "in_reply_to_screen_name": "sudan_monitor"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1768000000000000003"
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
        "50"
      ],
      "favorite_count": "3",
      "id_str": "1768000000000000003",
      "truncated": false,
      "retweet_count": "1",
      "id": "1768000000000000003",
      "created_at": "Wed Mar 13 08:20:05 +0000 2024",
      "favorited": false,
      "full_text": "3/ Aid groups say the road to the hospital is cut.",
      "lang": "en",
      "in_reply_to_status_id_str": "1768000000000000002",
      "in_reply_to_status_id": "1768000000000000002",
      "in_reply_to_user_id": "1190000000",
      "in_reply_to_user_id_str": "1190000000",
      "in_reply_to_screen_name": "sudan_monitor"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1768000000000000010"
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
        "83"
      ],
      "favorite_count": "3",
      "id_str": "1768000000000000010",
      "truncated": false,
      "retweet_count": "1",
      "id": "1768000000000000010",
      "created_at": "Thu Mar 14 19:02:00 +0000 2024",
      "favorited": false,
      "full_text": "اشتباكات عنيفة في الفاشر بين الجيش وقوات الدعم السريع، وسقوط قذائف على سوق المدينة.",
      "lang": "ar"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1768000000000000011"
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
        "89"
      ],
      "favorite_count": "3",
      "id_str": "1768000000000000011",
      "truncated": false,
      "retweet_count": "1",
      "id": "1768000000000000011",
      "created_at": "Thu Mar 14 20:00:00 +0000 2024",
      "favorited": false,
      "full_text": "RT @darfur24: Thousands displaced from El Fasher camps arrive in Tawila, aid workers say.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1768000000000000012"
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
        "57"
      ],
      "favorite_count": "3",
      "id_str": "1768000000000000012",
      "truncated": false,
      "retweet_count": "1",
      "id": "1768000000000000012",
      "created_at": "Fri Mar 15 06:00:00 +0000 2024",
      "favorited": false,
      "full_text": "@someone_else We have no confirmation of that report yet.",
      "lang": "en",
      "in_reply_to_status_id_str": "1767999999999999999",
      "in_reply_to_status_id": "1767999999999999999",
      "in_reply_to_user_id": "555",
      "in_reply_to_user_id_str": "555",
      "in_reply_to_screen_name": "someone_else"
    }
  }
]