import Core
import Foundation
import Scheduling
import WebApp

/// `terminbuch export`: the office's day as CSV, iCalendar or JSON, for
/// scheduled exports (cron, a systemd timer). Renders through
/// `ScheduleExport`, the same code as the HTTP downloads.
enum ExportCommand {
    static let flags = FlagTable("export", [
        .value("office", "ID", "the office (required)"),
        .value("date", "YYYY-MM-DD", "the day (default: today in the office's time zone)"),
        .value("format", "csv|ics|json", "the file's format (default: csv)"),
        .onOff("excel", "CSV for German Excel: ';', German headers and values, TT.MM.JJJJ dates"),
        .value("output", "FILE", "where to write (default: standard output)"),
        .database,
    ])

    static func run(arguments: [String]) throws {
        let options = try Options(arguments: arguments, table: flags)
        try options.requireNoPositional()
        guard let officeId = options.optionalString("office").map({ OfficeID($0) }) else { throw options.usageError("--office is required") }
        let formatText = options.string("format", default: "csv")
        guard let format = ScheduleExport.Format(rawValue: formatText) else {
            throw Options.UsageError(description: "--format must be csv, ics or json, not \"\(formatText)\"")
        }
        let databasePath = options.databasePath
        // An export never creates a database: a typo in the path would
        // otherwise produce an empty file and an empty, "successful" export.
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw Options.UsageError(description: "no database at \(databasePath); pass --database")
        }
        let store = try Store(path: databasePath)
        defer { store.close() }
        let useCases = UseCases(store: store)
        let date: LocalDate
        if let text = options.optionalString("date") {
            guard let parsed = LocalDate(text) else { throw Options.UsageError(description: "--date must be like 2026-12-01, not \"\(text)\"") }
            date = parsed
        } else {
            do { date = try useCases.time.today(office: officeId) } catch BookingError.unknownOffice {
                throw Options.UsageError(description: "there is no office \(officeId)")
            }
        }
        let file: ScheduleExport.File
        do {
            file = try ScheduleExport.render(format, office: officeId, date: date, excel: options.flag("excel"), useCases: useCases)
        } catch BookingError.unknownOffice {
            throw Options.UsageError(description: "there is no office \(officeId)")
        }
        if let output = options.optionalString("output") {
            try Data(file.bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(Data(file.bytes))
        }
    }
}
