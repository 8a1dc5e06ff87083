import Formats
import Schema

/// Validates one CSV record of a carrier sync file into a `DirectoryRow`.
///
/// Columns: `ci, carrier, phone, lineKind, mvnoHost, status, updatedAt`. Errors name the column
/// and never echo its value (it may be personal data).
enum RowParser {
    static let columns = ["ci", "carrier", "phone", "lineKind", "mvnoHost", "status", "updatedAt"]

    /// Whether the current record is the header line.
    static func isHeader(_ reader: CSVRecord) -> Bool {
        reader.fieldCount == columns.count && reader.field(0).elementsEqual("ci".utf8)
    }

    /// A record the shared reader read (its field count already checked: `.exactly(7)`).
    static func parse(_ reader: CSVRecord) -> Result<DirectoryRow, ImportRowError> {
        let line = reader.line
        func failure(_ code: ErrorCode, _ message: String) -> Result<DirectoryRow, ImportRowError> {
            .failure(ImportRowError(line: line, code: code, message: message))
        }
        guard reader.fieldCount == columns.count else {
            return failure(.wrongFieldCount, "expected \(columns.count) fields, found \(reader.fieldCount)")
        }
        guard let ci = CICodec.decode(reader.field(0)) else {
            return failure(.invalidCI, "ci must be 88 characters of base64 for 64 bytes")
        }
        guard let carrier = carrier(reader.field(1)) else {
            return failure(.unknownCarrier, "carrier must be KT, SKT or LGU")
        }
        guard let phone = PhoneNumber.normalize(reader.field(2)) else {
            return failure(.invalidPhone, "phone must be a Korean mobile number 01[016789]-NNN(N)-NNNN")
        }
        guard let kind = kind(reader.field(3)) else {
            return failure(.invalidLineKind, "lineKind must be personal, corporate or feature2G")
        }
        let hostField = reader.field(4)
        var host: Carrier?
        if !hostField.isEmpty {
            guard let value = self.carrier(hostField) else {
                return failure(.unknownCarrier, "mvnoHost must be empty, KT, SKT or LGU")
            }
            host = value
        }
        guard let status = status(reader.field(5)) else {
            return failure(.invalidStatus, "status must be active or cancelled")
        }
        guard let updatedAt = Timestamp.parseMilliseconds(reader.field(6)) else {
            return failure(.invalidDate, "updatedAt must be an ISO-8601 date-time with zone, or a date")
        }
        return .success(DirectoryRow(ci: ci, carrier: carrier, phone: phone, kind: kind, mvnoHost: host,
                                     status: status, updatedAt: updatedAt))
    }

    private static func carrier(_ field: ArraySlice<UInt8>) -> Carrier? {
        if field.elementsEqual("KT".utf8) { return .kt }
        if field.elementsEqual("SKT".utf8) { return .skt }
        if field.elementsEqual("LGU".utf8) { return .lgu }
        return nil
    }

    private static func kind(_ field: ArraySlice<UInt8>) -> LineKind? {
        if field.elementsEqual("personal".utf8) { return .personal }
        if field.elementsEqual("corporate".utf8) { return .corporate }
        if field.elementsEqual("feature2G".utf8) { return .feature2G }
        return nil
    }

    private static func status(_ field: ArraySlice<UInt8>) -> LineStatus? {
        if field.elementsEqual("active".utf8) { return .active }
        if field.elementsEqual("cancelled".utf8) { return .cancelled }
        return nil
    }
}
