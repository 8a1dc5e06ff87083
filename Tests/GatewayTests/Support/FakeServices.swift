import Bus
@testable import GatewayCore
import Foundation
import Schema
import SongdalTesting
import Synchronization

/// Fake peers for every service the gateway fronts (GatewayTests cannot import their Cores).
/// They answer like the real contracts: `forbidden` for another owner, `*_not_found` for unknown ids.
enum FakeServices {
    static let documentA = "1.2.410.200032.9.aaaa"
    static let noticeA = "notice-a"
    static let validToken = "tok_valid_0123456789"
    static let expiredToken = "tok_expired_0123456789"
    static let lockedToken = "tok_locked_0123456789"
    static let pdf = Data("%PDF-1.4 fake".utf8)

    /// Recorded calls, for assertions.
    final class Log: Sendable {
        let submissions = Mutex<[SubmitNotice]>([])
        let stored = Mutex<[(String, Int)]>([])
        let views = Mutex(0)
    }

    static let at = Date(timeIntervalSince1970: 1_795_399_200)

    static func vault() -> ClusterMember {
        ClusterMember(service: "vault", registry: MessageRegistry(GatewayTestsRegistry.all)) { env in
            let ep = env.endpoint
            ep.handle(StoreDocumentFile.self, reply: { request, _ in
                let data = try Data(contentsOf: URL(fileURLWithPath: request.path))
                return DocumentStored(documentId: "1.2.410.200032.9.new", packageId: "1.2.410.200032.9.p", kind: request.document.kind ?? "pdf",
                                      size: Int64(data.count), contentHash: String(repeating: "a", count: 64), leafIndex: 1,
                                      registeredAt: at, retentionUntil: at, timeStampToken: Data([1, 2]))
            })
            ep.answer(DocumentMetadataQuery.self) { request, _ in
                guard request.documentId == documentA else { throw ErrorReply(code: .notFound, message: "no such document") }
                guard request.reader.institution == "inst-a" || request.reader.grantId == "grant-1" else {
                    throw ErrorReply(code: .forbidden, message: "not the owner")
                }
                return DocumentMetadata(documentId: documentA, packageId: "p", institution: "inst-a", fileName: "고지서.pdf", kind: "pdf",
                                        title: "자동차세 고지", keywords: [], description: "", size: Int64(pdf.count),
                                        contentHash: String(repeating: "b", count: 64), registeredAt: at, retentionUntil: at,
                                        legalHold: false, destroyedAt: nil)
            }
            ep.answer(FetchDocument.self) { request, _ in
                guard request.documentId == documentA else { throw ErrorReply(code: .notFound, message: "no such document") }
                guard request.reader.institution == "inst-a" || request.reader.grantId == "grant-1" else {
                    throw ErrorReply(code: .forbidden, message: "not the owner")
                }
                return DocumentContent(documentId: documentA, fileName: "고지서.pdf", kind: "pdf", contentHash: "b", content: pdf)
            }
            ep.handle(IssueCertificate.self, reply: { request, _ in
                guard request.documentId == documentA, request.institution == "inst-a" else {
                    throw ErrorReply(code: .forbidden, message: "not the owner")
                }
                return CertificateIssued(serial: "abcd", kind: request.kind, documentId: documentA, json: "{}", signature: Data([9]), keyId: "k1")
            })
            ep.answer(VerifyCertificate.self) { request, _ in
                CertificateVerification(serial: request.serial, valid: request.serial == "abcd", problems: request.serial == "abcd" ? [] : ["unknown_serial"])
            }
            ep.answer(VaultKeyHistoryQuery.self) { _, _ in VaultKeyHistory(keys: [], tsaCertificatePEM: "") }
            // Issue 19: documentA was refused a certificate once (its blob fails), and the audit says so.
            let flag = IntegrityFlag(documentId: documentA, foundAt: at, operation: "issuance:original", code: "blob_altered",
                                     detail: "the blob fails authentication (bytes changed on disk)")
            ep.answer(VerifyVault.self) { request, _ in
                if let id = request.documentId, id != documentA { throw ErrorReply(code: .notFound, message: "no document \(id)") }
                return VaultAuditReport(documents: request.documentId == nil ? 2 : 1, leaves: 3, checkpoints: 1, certificates: 0, problems: [
                    .init(code: "blob_altered", documentId: documentA, message: "the blob fails authentication (bytes changed on disk)"),
                ])
            }
            ep.answer(VaultIntegrityQuery.self) { request, _ in
                let findings = request.documentId == nil || request.documentId == documentA ? [flag] : []
                return VaultIntegrityReport(flaggedDocuments: findings.count, findings: findings)
            }
            ep.answer(VaultCheckpointsQuery.self) { request, _ in
                VaultCheckpointList(checkpoints: request.fromSize > 3 ? [] : [
                    VaultCheckpointEntry(origin: "songdal.vault/log/v1", size: 3, root: Data(repeating: 1, count: 32).base64EncodedString(),
                                         keyId: "k1", signature: "c2ln", timeStampToken: "dHN0", signedAt: at),
                ], logSize: 4)
            }
            ep.answer(VaultConsistencyQuery.self) { request, _ in
                guard request.second <= 4 else { throw ErrorReply(code: .invalidTreeSize, message: "beyond the log") }
                return VaultConsistencyProof(first: request.first, second: request.second, firstRoot: "aa", secondRoot: "bb", proof: ["cc"])
            }
            return []
        }
    }

    static func notifier(_ log: Log) -> ClusterMember {
        ClusterMember(service: "notifier", registry: MessageRegistry(GatewayTestsRegistry.all)) { env in
            let ep = env.endpoint
            ep.handle(SubmitNotice.self, reply: { request, _ in
                let previous = log.submissions.withLock { list in list.first { $0.idempotencyKey != nil && $0.idempotencyKey == request.idempotencyKey } }
                if let previous {
                    guard previous.title == request.title else { throw ErrorReply(code: .idempotencyConflict, message: "different body") }
                    return NoticeAccepted(noticeId: noticeA, state: .accepted, acceptedAt: at, replayed: true)
                }
                log.submissions.withLock { $0.append(request) }
                return NoticeAccepted(noticeId: noticeA, state: .accepted, acceptedAt: at, replayed: false)
            })
            ep.answer(NoticeStatusQuery.self) { request, _ in
                guard request.noticeId == noticeA, request.institution == "inst-a" else {
                    throw ErrorReply(code: .noticeNotFound, message: "no such notice")
                }
                return NoticeStatus(noticeId: noticeA, institution: "inst-a", campaignId: nil, reference: nil, state: .read, reason: nil,
                                    channel: .rcs, recipientMasked: "010-****-5678", documentId: documentA, title: "자동차세 고지",
                                    acceptedAt: at, scheduledAt: at, sentAt: at, deliveredAt: at, readAt: at, readDeadline: nil,
                                    attempts: 1, reminders: [])
            }
            ep.answer(NoticeTimelineQuery.self) { request, _ in
                guard request.noticeId == noticeA, request.institution == "inst-a" else {
                    throw ErrorReply(code: .noticeNotFound, message: "no such notice")
                }
                return NoticeTimeline(noticeId: noticeA, entries: [NoticeTransition(event: "accepted", at: at)])
            }
            ep.answer(OpenNotice.self) { request, _ in
                switch request.token {
                case validToken, lockedToken:
                    return CoverPage(noticeId: noticeA, institution: "inst-a", title: "자동차세 고지", coverText: "<b>세금</b> 안내",
                                     recipientMasked: "010-****-5678", state: .delivered, readDeadline: nil, termsVersion: "v1",
                                     termsText: "전자문서 이용 약관")
                case expiredToken: throw ErrorReply(code: .noticeExpired, message: "expired")
                default: throw ErrorReply(code: .tokenInvalid, message: "bad token")
                }
            }
            ep.handle(RequestOTP.self, reply: { request, _ in
                if request.token == lockedToken { throw ErrorReply(code: .otpLocked, message: "locked") }
                guard request.token == validToken else { throw ErrorReply(code: .tokenInvalid, message: "bad token") }
                return OTPSent(noticeId: noticeA, recipientMasked: "010-****-5678", expiresAt: at, remainingTries: 5)
            })
            ep.handle(VerifyOTP.self, reply: { request, _ in
                guard request.token == validToken else { throw ErrorReply(code: .tokenInvalid, message: "bad token") }
                switch request.code {
                case "123456": return OTPCheck(outcome: .verified, sessionId: "ns-1", remainingTries: 5, lockedUntil: nil)
                case "999999": return OTPCheck(outcome: .locked, sessionId: nil, remainingTries: 0, lockedUntil: at)
                default: return OTPCheck(outcome: .wrong, sessionId: nil, remainingTries: 4, lockedUntil: nil)
                }
            })
            ep.handle(ConsentToTerms.self, reply: { request, _ in
                guard request.sessionId == "ns-1" else { throw ErrorReply(code: .sessionInvalid, message: "no session") }
                return TermsConsented(noticeId: noticeA, at: at)
            })
            ep.answer(ViewNotice.self) { request, _ in
                guard request.sessionId == "ns-1" else { throw ErrorReply(code: .sessionInvalid, message: "no session") }
                log.views.withLock { $0 += 1 }
                return NoticeView(noticeId: noticeA, documentId: documentA, reader: .grant("grant-1"), grantExpiresAt: at, readAt: at, firstView: true)
            }
            ep.handle(StartCampaign.self, reply: { request, _ in
                guard FileManager.default.fileExists(atPath: request.path) else { throw ErrorReply(code: .csvUnreadable, message: "gone") }
                return CampaignStarted(campaignId: "camp-1", state: .running, replayed: false)
            })
            ep.answer(CampaignProgressQuery.self) { request, _ in
                guard request.campaignId == "camp-1", request.institution == "inst-a" else {
                    throw ErrorReply(code: .campaignNotFound, message: "no such campaign")
                }
                return CampaignProgress(campaignId: "camp-1", name: "지방세 11월", state: .running, rowsRead: 10, accepted: 8,
                                        states: ["sent": 4, "read": 2, "accepted": 2], badRowCount: 2, badRows: [], error: nil)
            }
            ep.handle(ControlCampaign.self, reply: { request, _ in
                guard request.campaignId == "camp-1", request.institution == "inst-a" else {
                    throw ErrorReply(code: .campaignNotFound, message: "no such campaign")
                }
                return CampaignControlled(campaignId: "camp-1", state: request.action == .pause ? .paused : request.action == .cancel ? .cancelled : .running)
            })
            ep.answer(ProviderHealthQuery.self) { _, _ in
                ProviderHealthReport(providers: [ProviderHealth(name: "sim-kt", kind: "simulated", channels: [.rcs, .mms], up: true,
                                                                consecutiveErrors: 0, totalErrors: 1, totalSent: 42, lastSwitch: nil)],
                                     switches: [])
            }
            return []
        }
    }

    static func billing() -> ClusterMember {
        ClusterMember(service: "billing", registry: MessageRegistry(GatewayTestsRegistry.all)) { env in
            env.endpoint.answer(InvoiceQuery.self) { request, _ in
                let invoice = Invoice(institution: request.institution, month: request.month, status: .draft, plan: .basic, issuedAt: nil,
                                      lines: [], subtotal: 1000, vat: 100, total: 1100)
                let body = switch request.format {
                case .json: "{\"institution\":\"\(request.institution)\"}"
                case .csv: "item,amount\nnotice.sent,130\n"
                case .html: "<html><body>청구서</body></html>"
                }
                return InvoiceReply(invoice: invoice, format: request.format, contentType: request.format.contentType, body: body)
            }
            env.endpoint.answer(MileageQuery.self) { request, _ in
                MileageStatement(institution: request.institution, balance: 3, asOf: at, history: [])
            }
            env.endpoint.answer(UsageSummaryQuery.self) { request, _ in
                UsageSummary(institution: request.institution, month: request.month, closed: false, rows: [])
            }
            return []
        }
    }

    static func identity() -> ClusterMember {
        ClusterMember(service: "identity", registry: MessageRegistry(GatewayTestsRegistry.all)) { env in
            env.endpoint.handle(ImportDirectoryFile.self, reply: { _, _ in ImportAccepted(jobId: "job-1") })
            env.endpoint.answer(ImportStatus.self) { request, _ in
                guard request.jobId == "job-1" else { throw ErrorReply(code: .jobNotFound, message: "no such job") }
                return ImportReport(state: .finished, rowsRead: 2, inserted: 2)
            }
            return []
        }
    }

    static func reminder() -> ClusterMember {
        ClusterMember(service: "reminder", registry: MessageRegistry(GatewayTestsRegistry.all)) { env in
            env.endpoint.handle(ImportGuarantees.self, reply: { request, _ in
                let rows = request.csv.split(separator: "\n").count - 1
                return GuaranteeImportReport(rows: rows, accepted: rows, changed: rows)
            })
            env.endpoint.answer(PreviewReminders.self) { request, _ in
                guard let asOf = request.asOf, asOf.count == 10 else { throw ErrorReply(code: .invalidDate, message: "bad date", field: "asOf") }
                return ReminderRunReport(asOf: asOf, dryRun: true)
            }
            env.endpoint.handle(SetReminderOptOut.self, reply: { _, _ in ReminderRecipientAccepted(recipientKey: "ceo", changed: true) })
            return []
        }
    }
}


/// The gateway's registry, for the fakes (they must know the same message types).
enum GatewayTestsRegistry {
    static var all: [MessageType] { GatewayService.registry.all }
}
