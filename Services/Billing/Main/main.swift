print("songdal-billing: not yet")
