import Foundation

/// Waits for a demo step's condition, failing the step with a clear message when it never holds.
enum DemoPoll {
    /// Calls `condition` every 200 ms for up to `seconds`.
    static func until(_ step: String, seconds: Double = 60, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw DemoFailure(step: step, detail: "nothing after \(Int(seconds)) s")
    }
}
