import AlongsideDemo
import AlongsideWeb
import Foundation
import Logging
import Vapor

// `alongside serve | migrate | seed | council | user | import` — see `alongside --help`.
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
let config: AppConfig
do {
    config = try AppConfig.fromEnvironment(environment)
} catch {
    FileHandle.standardError.write(Data("alongside: \(error)\n".utf8))
    try? await app.asyncShutdown()
    exit(2)
}
do {
    try await configure(app, config: config)
    app.useAlongsideCommands()
    app.useAlongsideDemo()
} catch {
    FileHandle.standardError.write(Data("alongside: \(error)\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
do {
    try await app.execute()
} catch {
    // The console has already said what went wrong.
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
