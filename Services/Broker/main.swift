// songdal-bus placeholder
print("songdal-bus: not yet")
