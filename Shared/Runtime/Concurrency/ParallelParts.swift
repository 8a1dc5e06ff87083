import Foundation

/// Work spread over all cores with `DispatchQueue.concurrentPerform`: a batch cut into parts,
/// each run on its own thread, results kept in part order.
public enum ParallelParts {
    /// Runs `body` once per part and returns the results in part order; the first part's
    /// error, in part order, is thrown after all parts have finished.
    public static func run<T>(_ parts: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let slots = Slots<T>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            slots.set(part, Result { try body(part) })
        }
        return try slots.values()
    }

    /// `0..<count` cut into `parts` contiguous ranges of equal size (the last may be shorter
    /// or empty).
    public static func ranges(_ count: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, parts)
        let per = (count + parts - 1) / parts
        return (0..<parts).map { min(count, $0 * per)..<min(count, ($0 + 1) * per) }
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
