import Bus
import IdentityCore

await ServiceHost.main(IdentityService.self)
