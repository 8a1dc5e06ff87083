import CSSL

/// Flags for `X509_NAME_print_ex`. `XN_FLAG_RFC2253` is a compound C macro Swift cannot import,
/// so it is rebuilt here, minus `ASN1_STRFLGS_ESC_MSB`: names such as "송달" stay readable
/// UTF-8 instead of becoming `\EC\86...` escapes.
enum NameFormat {
    static let rfc2253UTF8: UInt =
        UInt(ASN1_STRFLGS_ESC_2253) | UInt(ASN1_STRFLGS_ESC_CTRL) | UInt(ASN1_STRFLGS_UTF8_CONVERT)
        | UInt(ASN1_STRFLGS_DUMP_UNKNOWN) | UInt(ASN1_STRFLGS_DUMP_DER)
        | UInt(XN_FLAG_SEP_COMMA_PLUS) | UInt(XN_FLAG_DN_REV) | UInt(XN_FLAG_FN_SN) | UInt(XN_FLAG_DUMP_UNKNOWN_FIELDS)
}
