import Foundation
import GRDB
import Schema
import SongdalCrypto
import Store

/// Issues signed certificates (VA-6), logs each issuance, and bills it (VA-8) through the outbox
/// in the same transaction. A delivery certificate over a sandbox notice's evidence is a sandbox
/// certificate: marked, version 2, and never billed.
public struct CertificateIssuer: Sendable {
    let vault: VaultContext

    public init(vault: VaultContext) { self.vault = vault }

    /// Issues a certificate of `request.kind` for its document.
    public func issue(_ request: IssueCertificate, now: Date, in db: Database, outbox: OutboxWriter?) throws -> CertificateIssued {
        let document = try DocumentRecord.require(request.documentId, in: db)
        guard document.institution == request.institution else {
            throw ErrorReply(code: .forbidden, message: "the document belongs to another institution", field: "institution")
        }
        let state = try DocumentState.fetch(document.documentId, in: db)
        var leaves = [try registrationLeaf(document, in: db)]
        var notice: CertifiedNotice?
        var destruction: CertifiedDestruction?
        switch request.kind {
        case .original, .registration:
            if request.kind == .original, state.destroyedAt != nil {
                throw ErrorReply(code: .documentDestroyed, message: "a destroyed document has no original to certify")
            }
        case .destruction:
            guard let destroyedAt = state.destroyedAt else {
                throw ErrorReply(code: .notDestroyed, message: "the document has not been destroyed")
            }
            let row = try Row.fetchOne(db, sql: "SELECT destruction_order FROM document_state WHERE document_id = ?",
                                       arguments: [document.documentId])
            destruction = CertifiedDestruction(destroyedAt: Self.date(destroyedAt), basis: row?["destruction_order"] ?? "retention")
            leaves += try EvidenceLog.leaves(of: document.documentId, in: db).filter { index in
                try EvidenceLog.leaf(at: index, in: db).flatMap { EvidenceRecord(bytes: $0) }?.type == .destroyed
            }
        case .delivery:
            guard let noticeId = request.noticeId else {
                throw ErrorReply(code: .missingNotice, message: "a delivery certificate needs noticeId", field: "noticeId")
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT kind, recipient_masked, sent_at, occurred_at, leaf_index FROM notice_evidence
                WHERE notice_id = ? AND document_id = ? ORDER BY leaf_index
                """, arguments: [noticeId, document.documentId])
            guard let first = rows.first else {
                throw ErrorReply(code: .noDeliveryEvidence, message: "no delivery evidence for notice \(noticeId)", field: "noticeId")
            }
            var record = CertifiedNotice(noticeId: noticeId, sender: document.institution, recipientMasked: first["recipient_masked"],
                                         sentAt: Self.date(first["sent_at"]))
            for row in rows {
                let kind: String = row["kind"]
                if kind == VaultEvidence.Kind.delivered.rawValue { record.deliveredAt = Self.date(row["occurred_at"]) }
                if kind == VaultEvidence.Kind.read.rawValue { record.readAt = Self.date(row["occurred_at"]) }
                leaves.append(row["leaf_index"])
            }
            notice = record
        }
        // Issue 19: the blob, the row and every leaf are re-checked against the evidence first;
        // an altered document gets no certificate (`IntegrityFailure`, before anything is written).
        try DocumentIntegrity(vault: vault).check(document, leaves: leaves, operation: "issuance:\(request.kind.rawValue)", in: db)
        return try sign(request: request, document: document, leaves: leaves, notice: notice, destruction: destruction,
                        now: now, in: db, outbox: outbox)
    }

    private func sign(
        request: IssueCertificate, document: DocumentRecord, leaves: [Int], notice: CertifiedNotice?,
        destruction: CertifiedDestruction?, now: Date, in db: Database, outbox: OutboxWriter?
    ) throws -> CertificateIssued {
        guard let last = leaves.max() else { throw ErrorReply(code: .internalFailure, message: "no evidence leaves") }
        let checkpoint = try vault.checkpoints.covering(last, now: now, in: db)
        var entries: [LogEvidence.Entry] = []
        var sandbox = false
        for index in leaves {
            guard let bytes = try EvidenceLog.leaf(at: index, in: db) else { throw MerkleProofError.indexOutOfRange }
            if EvidenceRecord(bytes: bytes)?.type.isSandbox == true { sandbox = true }
            let proof = try EvidenceLog.inclusionProof(index: index, size: checkpoint.size, in: db)
            entries.append(.init(record: String(decoding: bytes, as: UTF8.self), leafIndex: index, inclusionProof: proof.map(Hex.encode)))
        }
        guard let tokenDER = try Data.fetchOne(db, sql: "SELECT time_stamp FROM document WHERE document_id = ?",
                                               arguments: [document.documentId]) else {
            throw ErrorReply(code: .notFound, message: "no document \(document.documentId)")
        }
        let signer = vault.keys.current
        let serial = try OIDMaker.serial()
        let certificate = VaultCertificate(
            version: sandbox ? VaultCertificate.sandboxVersion : VaultCertificate.currentVersion, kind: request.kind, serial: serial, issuer: vault.settings.issuer,
            issuedAt: Self.date(VaultKeys.millis(now)),
            validUntil: request.kind == .original
                ? Self.date(VaultKeys.millis(now.addingTimeInterval(Double(vault.settings.certificateValidityDays) * 86_400))) : nil,
            policyOID: vault.settings.certificatePolicyOID, requester: request.requester, purpose: request.purpose,
            document: CertifiedDocument(
                documentId: document.documentId, packageId: document.packageId, institution: document.institution,
                fileName: document.fileName, kind: document.kind, title: document.title, keywords: document.keywords,
                description: document.description, size: document.size, contentHash: document.contentHash,
                registeredAt: document.registered, copy: request.copy),
            notice: notice, destruction: destruction,
            evidence: LogEvidence(entries: entries, checkpoint: checkpoint),
            timeStampToken: try TimeStampToken(der: [UInt8](tokenDER)), tsaCertificate: vault.tsaCertificate.pem,
            keyId: signer.keyId, sandbox: sandbox ? true : nil)
        let json = try VaultCertificate.encoder().encode(certificate)
        let signature = try signer.sign([UInt8](json))
        try db.execute(sql: """
            INSERT INTO certificate (serial, kind, document_id, issued_at, json, signature, key_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [serial, request.kind.rawValue, document.documentId, VaultKeys.millis(now),
                             String(decoding: json, as: UTF8.self), Data(signature), signer.keyId])
        try EvidenceLog.append(EvidenceRecord(type: .issued, time: now, documentId: document.documentId,
                                              packageId: document.packageId, reference: serial,
                                              contentHash: SHA256.hex(json)), in: db)
        if let outbox, !sandbox {
            let item: UsageItem = request.kind == .original ? .originalIssuance : .certificateIssuance
            try outbox.send(RecordUsage(events: [UsageEvent(
                eventId: "vault.issuance:\(serial)", institution: document.institution, item: item, quantity: 1,
                occurredAt: now, reference: document.documentId)]), in: db)
        }
        return CertificateIssued(serial: serial, kind: request.kind, documentId: document.documentId,
                                 json: String(decoding: json, as: UTF8.self), signature: Data(signature), keyId: signer.keyId,
                                 sandbox: sandbox)
    }

    private func registrationLeaf(_ document: DocumentRecord, in db: Database) throws -> Int {
        guard let index = try Int.fetchOne(db, sql: "SELECT leaf_index FROM document WHERE document_id = ?",
                                           arguments: [document.documentId]) else {
            throw ErrorReply(code: .notFound, message: "no document \(document.documentId)")
        }
        return index
    }

    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
