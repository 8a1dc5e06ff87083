print("songdal: not yet")
