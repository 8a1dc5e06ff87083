import Bus
import NotifierCore

print("songdal-notifier: not built yet")
