import BillingCore
import Bus

await ServiceHost.main(BillingService.self)
