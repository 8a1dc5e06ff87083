import CSSL
import Foundation

/// Conversions between `Date` and OpenSSL's ASN.1 times (UTCTime/GeneralizedTime, UTC).
enum ASN1Time {
    /// Whole seconds since 1970 of an `ASN1_TIME`/`ASN1_GENERALIZEDTIME`.
    static func date(_ time: UnsafePointer<ASN1_TIME>?, operation: String) throws(CryptoError) -> Date {
        var parts = tm()
        try OpenSSL.check(operation) { ASN1_TIME_to_tm(time, &parts) }
        // timegm interprets the broken-down time as UTC, which is what ASN.1 times are.
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// `time_t` for `date`, truncated to whole seconds (the precision of X.509 validity and of
    /// the TSA's genTime).
    static func seconds(_ date: Date) -> time_t {
        time_t(date.timeIntervalSince1970.rounded(.down))
    }
}
