import Bus
import NotifierCore

await ServiceHost.main(NotifierService.self)
