import Foundation

/// Runs `body` once per part on all cores (`DispatchQueue.concurrentPerform`) and returns the
/// parts' results in part order; the first part's error, in part order, is thrown after all
/// parts have finished.
enum ParallelParts {
    static func run<T>(_ parts: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let slots = Slots<T>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            slots.set(part, Result { try body(part) })
        }
        return try slots.values()
    }

    /// One result per part, each written by its own part.
    private final class Slots<T>: @unchecked Sendable {
        // @unchecked: each slot is written by exactly one part; the lock guards the array's
        // storage, and `values` runs after `concurrentPerform` has returned.
        private var results: [Result<T, any Error>?]
        private let lock = NSLock()

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ result: Result<T, any Error>) {
            lock.withLock { results[index] = result }
        }

        func values() throws -> [T] {
            try lock.withLock { results }.map { try ($0 ?? .failure(CancellationError())).get() }
        }
    }
}
