import Bus
import GatewayCore

print("songdal-gateway: not built yet")
