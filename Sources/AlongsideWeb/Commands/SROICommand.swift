import AlongsideCore
import Vapor

/// `alongside sroi MODEL.json`: the same calculation as `POST /api/v1/sroi/calculate`, printed as JSON.
struct SROICommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "model",
            help:
                "A JSON file: {\"investment\", \"discountRate\", \"discountFirstYear\", \"outcomes\": [{\"name\", \"quantity\", \"proxyValue\", \"deadweight\", \"displacement\", \"attribution\", \"durationYears\", \"dropOff\"}]}. Use /dev/stdin to read it from standard input."
        )
        var model: String

        init() {}
    }

    var help: String {
        "Calculates social return on investment (Cabinet Office method, exact decimals): present value, NPV, ratio, payback, each year, each outcome, sensitivity and break-even."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = FileHandle(forReadingAtPath: signature.model)?.readDataToEndOfFile() else {
            throw CommandFailure("Cannot read \(signature.model). Check the path.")
        }
        let model: SROI.Model
        do {
            model = try JSONDecoder().decode(SROI.Model.self, from: data)
        } catch {
            throw CommandFailure("\(signature.model) is not an SROI model: \(RequestReading.describe(error))")
        }
        do {
            let result = try SROI.calculate(model)
            context.console.output(try SROIJSON.text(result).consoleText())
        } catch let invalid as SROI.InvalidModel {
            throw CommandFailure(
                "The model has problems:\n  " + invalid.problems.map(\.english).joined(separator: "\n  "))
        }
    }
}

/// How SROI results are written as JSON, the same on the command line and over HTTP.
enum SROIJSON {
    static func text(_ result: SROI.Result) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

}
