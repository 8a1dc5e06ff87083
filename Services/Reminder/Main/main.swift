print("songdal-reminder: not yet")
