import Foundation

/// A certificate authority and a server certificate for `localhost` signed
/// by it, made by the openssl command for one test; and a second authority
/// that signed nothing, to be the wrong one.
struct TestCertificates {
    let directory: String
    var caFile: String { directory + "/ca.pem" }
    var wrongCAFile: String { directory + "/wrong-ca.pem" }
    var certificate: String { directory + "/server.pem" }
    var key: String { directory + "/server.key" }

    init() throws {
        directory = try ExternalTools.temporaryDirectory()
        for name in ["ca", "wrong-ca"] {
            try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Terminbuch test \(name)",
                         "-keyout", "\(directory)/\(name).key", "-out", "\(directory)/\(name).pem"])
        }
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                     "-keyout", key, "-out", "\(directory)/server.csr"])
        try "subjectAltName=DNS:localhost\n".write(toFile: "\(directory)/san.ext", atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", "\(directory)/server.csr", "-CA", caFile, "-CAkey", "\(directory)/ca.key",
                     "-CAcreateserial", "-days", "2", "-extfile", "\(directory)/san.ext", "-out", certificate])
    }

    private func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ExternalTools.Missing(description: "openssl \(arguments.first ?? "") failed; scripts/setup installs libssl-dev, Debian's openssl the command")
        }
    }
}
