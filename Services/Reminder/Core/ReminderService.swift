import Bus
import Foundation
import Runtime
import Schema
import ServiceLifecycle
import Store

/// The guarantee-expiry SMS reminder service (SPEC §5, seed 002).
///
/// Settings: `run-at` (`HH:MM` KST, default `09:00`; `off` disables the scheduler),
/// `institution` (billed for reminder SMS, default `guarantee-association`), `batch-size`
/// (guarantees per run transaction, default 500), `poll-milliseconds` (scheduler poll, 5000).
public enum ReminderService: ServiceDefinition {
    public static let name = "reminder"
    public static let migrations: [Migration] = ReminderMigrations.all
    public static let registry = MessageRegistry([
        UpsertMember.messageType, UpsertGuarantee.messageType, ReminderUpserted.messageType,
        ImportGuarantees.messageType, GuaranteeImportReport.messageType,
        AddReminderRecipient.messageType, RemoveReminderRecipient.messageType, SetReminderOptOut.messageType,
        ReminderRecipientAccepted.messageType,
        RunReminders.messageType, PreviewReminders.messageType, ReminderRunReport.messageType,
        GuaranteeIssued.messageType,
        SendSMS.messageType, SMSAccepted.messageType, RecordUsage.messageType,
    ])

    public static func build(_ environment: ServiceEnvironment) async throws -> [any Service] {
        let runAt: Int?
        switch ReminderScheduler.minutes(environment.setting("run-at") ?? "09:00") {
        case .some(let minutes): runAt = minutes
        case .none: throw ReminderInputError.invalidDate(field: "run-at").reply()
        }
        let runner = ReminderRunner(
            endpoint: environment.endpoint, calendar: environment.calendar, logger: environment.logger,
            institution: environment.setting("institution") ?? "guarantee-association",
            batchSize: environment.setting("batch-size").flatMap(Int.init) ?? 500)
        DirectoryHandlers.register(on: environment.endpoint, calendar: environment.calendar)
        RunHandlers.register(on: environment.endpoint, runner: runner)
        IssuanceHandler.register(on: environment.endpoint, calendar: environment.calendar)
        ReplyHandlers.register(on: environment.endpoint)
        guard let runAt else { return [] }
        let poll = environment.setting("poll-milliseconds").flatMap(Int.init) ?? 5_000
        return [ReminderScheduler(runner: runner, clock: environment.clock, runAtMinutes: runAt, pollInterval: .milliseconds(poll))]
    }
}
