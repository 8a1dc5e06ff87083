import ArgumentParser

/// Why `songdal up` stopped: printed as one message on stderr, exit status 1.
struct UpFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
