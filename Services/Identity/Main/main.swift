print("songdal-identity: not yet")
