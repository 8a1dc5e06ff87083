import Runtime
import Testing

@Suite("Parallel parts")
struct ParallelPartsTests {
    struct PartFailed: Error, Equatable { let part: Int }

    @Test("ranges cover the count once, in order, at most the parts asked for")
    func ranges() {
        #expect(ParallelParts.ranges(10, parts: 3) == [0..<4, 4..<8, 8..<10])
        #expect(ParallelParts.ranges(2, parts: 3) == [0..<1, 1..<2, 2..<2])
        #expect(ParallelParts.ranges(5, parts: 0) == [0..<5])
    }

    @Test("results come back in part order; the first failing part's error is thrown")
    func orderAndErrors() throws {
        #expect(try ParallelParts.run(8) { $0 * $0 } == [0, 1, 4, 9, 16, 25, 36, 49])
        #expect(throws: PartFailed(part: 2)) {
            try ParallelParts.run(6) { part -> Int in
                if part == 2 || part == 5 { throw PartFailed(part: part) }
                return part
            }
        }
    }
}
