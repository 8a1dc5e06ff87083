import Foundation

/// Polls `condition` until it holds or `timeoutSeconds` pass; returns whether it held. For
/// asynchronous effects in tests — a bound on waiting, never a speed assertion.
public func eventually(timeoutSeconds: Double = 30, pollMilliseconds: Int = 20, _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(pollMilliseconds))
    }
    return try await condition()
}
