print("songdal-vault: not yet")
