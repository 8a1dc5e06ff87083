import Bus
import VaultCore

await ServiceHost.main(VaultService.self)
