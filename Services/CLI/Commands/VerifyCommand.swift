import ArgumentParser
import Foundation
import SongdalCrypto
import VaultCore

/// `songdal verify <certificate>`: checks a vault certificate offline with nothing but the vault's
/// public signing key(s) — signature, checkpoint, inclusion proofs, time stamps, validity.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a vault certificate offline. Exit 0 when valid, 1 when not (every problem is printed).")

    @Argument(help: "The certificate JSON, exactly as issued.")
    var certificate: String

    @Option(help: "Detached signature file: 64 raw bytes or base64 (default: <certificate>.sig).")
    var signature: String?

    @Option(name: .customLong("key"), help: "Trusted vault public key (PEM), repeatable for rotated keys.")
    var keys: [String]

    @Flag(help: "Also fail when the certificate's validity has ended.")
    var checkExpiry = false

    @Flag(help: "Check a sandbox certificate (SPEC X-8) as a sandbox certificate; without it one fails as not valid evidence.")
    var allowSandbox = false

    func run() throws {
        let json = try read(certificate)
        let signatureBytes = try decodeSignature(try read(signature ?? certificate.replacingOccurrences(of: ".json", with: "") + ".sig"))
        let trusted = try keys.map { path in try Ed25519PublicKey(pem: String(decoding: try read(path), as: UTF8.self)) }
        let result = CertificateVerifier.verify(
            json: json, signature: signatureBytes, trustedKeys: trusted, now: checkExpiry ? Date() : nil, allowSandbox: allowSandbox)
        if let certificate = result.certificate {
            print("certificate: \(certificate.isSandbox ? "SANDBOX " : "")\(certificate.kind) \(certificate.serial) issued \(certificate.issuedAt) by \(certificate.issuer)")
        }
        if result.isValid, result.isSandbox {
            print("verification: OK as a sandbox certificate (\(CertificateVerifier.sandboxReason))")
        } else if result.isValid {
            print("verification: OK")
        } else {
            for problem in result.problems { print("problem: \(problem.code): \(problem.message)") }
            print("verification: FAILED")
            throw ExitCode.failure
        }
    }

    private func read(_ path: String) throws -> [UInt8] {
        do { return Array(try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw ValidationError("cannot read \(path): \(error.localizedDescription)")
        }
    }

    private func decodeSignature(_ bytes: [UInt8]) throws -> [UInt8] {
        if bytes.count == 64 { return bytes }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let decoded = Data(base64Encoded: text), decoded.count == 64 else {
            throw ValidationError("the signature is neither 64 raw bytes nor base64 of them")
        }
        return Array(decoded)
    }
}
