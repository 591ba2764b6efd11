/// The flags of one command (`serve`, `user add`): what it takes besides
/// flags, the flags themselves, and a note for the usage text.
struct FlagTable: Sendable {
    /// `catalogue import FILE`: the command and its positional arguments.
    let synopsis: String
    let flags: [Flag]
    let note: String

    init(_ synopsis: String, _ flags: [Flag], note: String = "") {
        self.synopsis = synopsis
        self.flags = flags
        self.note = note
    }

    func flag(named name: String) -> Flag? {
        flags.first { $0.name == name }
    }

    /// The usage text: the synopsis, then one aligned line per flag, then the note.
    var usage: String {
        let width = flags.map(\.synopsis.count).max() ?? 0
        let lines = flags.map { "  " + $0.synopsis.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.help }
        return (["usage: terminbuch \(synopsis)\(flags.isEmpty ? "" : " [flags]")"] + lines + (note.isEmpty ? [] : [note]))
            .joined(separator: "\n")
    }

    /// Several tables' usage, as a command of several sub-commands shows it.
    static func usage(_ tables: [FlagTable]) -> String {
        tables.map(\.usage).joined(separator: "\n\n")
    }
}
