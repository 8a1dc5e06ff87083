import Schema

/// Runs `body`, turning a domain input error into the typed bus refusal (`ErrorReply`); the
/// inbox would otherwise dead-letter it as a handler bug.
func refusing<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ReminderInputError {
        throw error.reply()
    }
}
