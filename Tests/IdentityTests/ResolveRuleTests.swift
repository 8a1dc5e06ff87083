import Foundation
import IdentityCore
import Schema
import Testing

@Suite("ID-2 resolve rules")
struct ResolveRuleTests {
    @Test("lines at SKT and KT: KT wins")
    func ktBeatsSKT() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "SKT", "010-1000-0001"), row(ci(1), "KT", "010-1000-0002")])
        for seed in UInt64(0)..<20 {
            #expect(try scratch.directory.resolve(ci: ci(1), seed: seed) == .line(ResolvedLine(carrier: .kt, phone: "01010000002")))
        }
    }

    @Test("lines at SKT and LGU: SKT wins")
    func sktBeatsLGU() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "LGU", "010-1000-0001"), row(ci(1), "SKT", "010-1000-0002")])
        #expect(try scratch.directory.resolve(ci: ci(1), seed: 1).line?.carrier == .skt)
    }

    @Test("an undeliverable KT line does not block a deliverable SKT line")
    func skipsToNextCarrier() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "KT", "010-1000-0001", kind: "corporate"), row(ci(1), "SKT", "010-1000-0002")])
        #expect(try scratch.directory.resolve(ci: ci(1)) == .line(ResolvedLine(carrier: .skt, phone: "01010000002")))
    }

    @Test("two KT lines: both chosen over many seeded draws, the same seed gives the same line")
    func randomAmongCarrierLines() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "KT", "010-1000-0001"), row(ci(1), "KT", "010-1000-0002"), row(ci(1), "SKT", "010-1000-0003")])
        var seen = Set<String>()
        for seed in UInt64(0)..<64 {
            let line = try #require(try scratch.directory.resolve(ci: ci(1), seed: seed).line)
            #expect(line.carrier == .kt)
            seen.insert(line.phone)
            #expect(try scratch.directory.resolve(ci: ci(1), seed: seed).line == line)
        }
        #expect(seen == ["01010000001", "01010000002"])
    }

    @Test("only a corporate line: unreachable(corporate)")
    func corporate() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "KT", "010-1000-0001", kind: "corporate")])
        #expect(try scratch.directory.resolve(ci: ci(1)) == .unreachable(.corporate))
    }

    @Test("only a 2G feature phone: unreachable(feature_2g)")
    func featurePhone() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "LGU", "011-100-0001", kind: "feature2G")])
        #expect(try scratch.directory.resolve(ci: ci(1)) == .unreachable(.feature2G))
    }

    @Test("only a cancelled line: unreachable(cancelled)")
    func cancelled() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "KT", "010-1000-0001", status: "cancelled")])
        #expect(try scratch.directory.resolve(ci: ci(1)) == .unreachable(.cancelled))
    }

    @Test("only an SKT-hosted MVNO line: unreachable(mvno_on_skt)")
    func mvnoOnSKT() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "SKT", "010-1000-0001", host: "SKT")])
        #expect(try scratch.directory.resolve(ci: ci(1)) == .unreachable(.mvnoOnSKT))
    }

    @Test("a KT-hosted MVNO line is delivered; so is an LGU-hosted one")
    func mvnoOnKTAndLGU() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "KT", "010-1000-0001", host: "KT"), row(ci(2), "LGU", "010-1000-0002", host: "LGU")])
        #expect(try scratch.directory.resolve(ci: ci(1)) == .line(ResolvedLine(carrier: .kt, phone: "01010000001", mvnoHost: .kt)))
        #expect(try scratch.directory.resolve(ci: ci(2)).line?.phone == "01010000002")
    }

    @Test("undeliverable for different reasons: unreachable(no_deliverable_line); unknown CI: no_subscriber")
    func mixedAndUnknown() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "KT", "010-1000-0001", kind: "corporate"), row(ci(1), "SKT", "010-1000-0002", host: "SKT")])
        #expect(try scratch.directory.resolve(ci: ci(1)) == .unreachable(.noDeliverableLine))
        #expect(try scratch.directory.resolve(ci: ci(99)) == .unreachable(.noSubscriber))
    }

    @Test("a number change is visible to the next resolve (ID-3)")
    func numberChange() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "KT", "010-1000-0001")])
        let change = ChangeNumber(ci: ci(1), oldPhone: "010-1000-0001", newPhone: "010-1999-0009",
                                  effectiveAt: Date(timeIntervalSince1970: 1_795_399_200))
        #expect(try scratch.directory.changeNumber(change).changed)
        #expect(try scratch.directory.resolve(ci: ci(1)) == .line(ResolvedLine(carrier: .kt, phone: "01019990009")))
        #expect(try scratch.directory.changeNumber(change).changed == false)
    }

    @Test("a cancellation makes the line unreachable")
    func cancellation() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try scratch.load([row(ci(1), "KT", "010-1000-0001")])
        #expect(try scratch.directory.cancelLine(CancelLine(ci: ci(1), phone: "01010000001", effectiveAt: Date(timeIntervalSince1970: 1_795_399_200))).changed)
        #expect(try scratch.directory.resolve(ci: ci(1)) == .unreachable(.cancelled))
    }
}
