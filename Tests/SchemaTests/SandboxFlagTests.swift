import Foundation
import Schema
import Testing

/// The sandbox flag on bus messages (X-8): absent means live, so older peers' messages decode
/// as live and live messages keep their bytes.
@Suite struct SandboxFlagTests {
    @Test func aMessageWithoutTheFlagDecodesAsLive() throws {
        let old = #"{"channel":"rcs","coverText":"c","documentId":"d","institution":"i","phone":"01012345678","title":"t"}"#
        let notice = try PayloadCodec.decode(SubmitNotice.self, from: Array(old.utf8))
        #expect(notice.sandbox == false)
        let evidence = #"{"documentId":"d","institution":"i","kind":"read","noticeId":"n-1","occurredAt":0,"recipientMasked":"m","sentAt":0}"#
        #expect(try PayloadCodec.decode(VaultEvidence.self, from: Array(evidence.utf8)).sandbox == false)
        #expect(try PayloadCodec.decode(VerifyCertificate.self, from: Array(#"{"serial":"ab"}"#.utf8)).allowSandbox == false)
    }

    @Test func liveIsNotWrittenAndSandboxRoundTrips() throws {
        let live = SubmitNotice(institution: "i", phone: "01012345678", title: "t", coverText: "c", documentId: "d")
        let liveText = String(decoding: try PayloadCodec.encode(live), as: UTF8.self)
        #expect(!liveText.contains("sandbox"), "a live message keeps its pre-sandbox bytes: \(liveText)")
        var sandbox = live
        sandbox.sandbox = true
        let bytes = try PayloadCodec.encode(sandbox)
        #expect(String(decoding: bytes, as: UTF8.self).contains(#""sandbox":true"#))
        #expect(try PayloadCodec.decode(SubmitNotice.self, from: bytes).sandbox == true)

        let evidence = VaultEvidence(noticeId: "n-1", documentId: "d", kind: .delivered, institution: "i", recipientMasked: "m",
                                     sentAt: Date(timeIntervalSince1970: 1), occurredAt: Date(timeIntervalSince1970: 2), sandbox: true)
        #expect(try PayloadCodec.decode(VaultEvidence.self, from: try PayloadCodec.encode(evidence)) == evidence)
    }

    @Test func anExplicitFalseOrNullIsLive() throws {
        let text = #"{"serial":"ab","allowSandbox":false}"#
        #expect(try PayloadCodec.decode(VerifyCertificate.self, from: Array(text.utf8)).allowSandbox == false)
        let null = #"{"serial":"ab","allowSandbox":null}"#
        #expect(try PayloadCodec.decode(VerifyCertificate.self, from: Array(null.utf8)).allowSandbox == false)
    }
}
