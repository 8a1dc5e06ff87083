import Bus
import ReminderCore

await ServiceHost.main(ReminderService.self)
