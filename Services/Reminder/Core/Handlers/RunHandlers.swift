import Bus
import Runtime
import Schema

/// Runs and previews over the bus (operators, the CLI).
enum RunHandlers {
    static func register(on endpoint: BusEndpoint, runner: ReminderRunner) {
        endpoint.handle(RunReminders.self) { (request: RunReminders, context: HandlerContext) throws -> ReminderRunReport in
            let asOf = try date(request.asOf, now: context)
            if request.dryRun {
                let batch = RunBatch(asOf: asOf, institution: runner.institution, runId: nil, now: context.now)
                var tally = RunTally()
                var cursor: (sendDate: String, number: String)?
                repeat {
                    let result = try batch.process(context.db, outbox: nil, after: cursor, limit: 1_000)
                    tally = tally + result.tally
                    cursor = result.cursor
                } while cursor != nil
                return ReminderRunner.report(runId: nil, asOf: asOf, dryRun: true, tally: tally)
            }
            return try ReminderRunner.runInTransaction(context.db, outbox: context.outbox, asOf: asOf, now: context.now,
                                                       institution: runner.institution, calendar: runner.calendar)
        }
        endpoint.answer(PreviewReminders.self) { request, context in
            guard let asOf = request.asOf.map({ LocalDate($0) }) ?? KST.localDate(of: context.now) else {
                throw ReminderInputError.invalidDate(field: "as_of").reply()
            }
            return try await runner.runOnce(asOf: asOf, now: context.now, dryRun: true)
        }
    }

    private static func date(_ text: String?, now context: HandlerContext) throws -> LocalDate {
        guard let text else { return KST.localDate(of: context.now) }
        guard let date = LocalDate(text) else { throw ReminderInputError.invalidDate(field: "as_of").reply() }
        return date
    }
}
