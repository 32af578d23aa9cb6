import Vapor

/// Style sheets, scripts and images from Public/, through Vapor's FileMiddleware, for paths that can name a
/// file. A path too long for the file system (over 1,024 bytes, or a part over 255) goes straight to the
/// routes, which answer 404: asking the file system about it fails with an error that would be a 500.
struct PublicFiles: AsyncMiddleware {
    let files: FileMiddleware

    init(directory: String) { files = FileMiddleware(publicDirectory: directory) }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path
        guard path.utf8.count <= 1_024, !path.split(separator: "/").contains(where: { $0.utf8.count > 255 }) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}
