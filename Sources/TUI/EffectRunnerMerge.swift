import Foundation
import Interchange
import Model
import Store

/// The effects of the merge screens and the import dialog, run on the store: the duplicate
/// marks of a page, a contact's or company's duplicates, the merges, and the import's dry
/// run and write.
extension EffectRunner {
  static func performMergeAndImport(_ effect: Effect, store: Store, catalog: Catalog) throws
    -> Msg
  {
    switch effect {
    case .loadDuplicateMarks(let ids):
      return .duplicateMarksLoaded(ids: ids, marked: try store.duplicateIds(among: ids))
    case .loadMerge(let contactId, let name):
      let pairs = try store.duplicates(of: contactId)
      var names: [String: String] = [:]
      let contacts = pairs.flatMap { [$0.a, $0.b] }
      for companyId in Set(contacts.compactMap(\.companyId)) {
        names[companyId] = (try? store.company(companyId).name) ?? companyId
      }
      let users = try store.users()
      for ownerId in Set(contacts.compactMap(\.ownerId)) {
        names[ownerId] = users.first { $0.id == ownerId }?.name ?? ownerId
      }
      return .mergeLoaded(name: name, pairs, names: names)
    case .mergeContacts(let keep, let remove, let choice, let name):
      try store.mergeContacts(keep: keep, remove: remove, choice: choice)
      return .recordChanged(
        .contacts, focusId: keep,
        status: StatusMessage(text: catalog.text("status.merged", name), isError: false))
    case .loadCompanyDuplicateMarks(let ids):
      return .duplicateMarksLoaded(ids: ids, marked: try store.companyDuplicateIds(among: ids))
    case .loadCompanyMerge(let companyId, let name):
      let pairs = try store.companyDuplicates(of: companyId)
      var names: [String: String] = [:]
      let users = try store.users()
      for ownerId in Set(pairs.flatMap { [$0.a.ownerId, $0.b.ownerId] }.compactMap { $0 }) {
        names[ownerId] = users.first { $0.id == ownerId }?.name ?? ownerId
      }
      return .companyMergeLoaded(name: name, pairs, names: names)
    case .mergeCompanies(let keep, let remove, let choice, let name):
      try store.mergeCompanies(keep: keep, remove: remove, choice: choice)
      return .recordChanged(
        .companies, focusId: keep,
        status: StatusMessage(text: catalog.text("status.merged", name), isError: false))
    case .checkImport(let path):
      do {
        let file = try ContactFileReader.read(path: path)
        let report = try importing(file, store: store, dryRun: true)
        return .importChecked(
          path: path, .preview(ImportPreview(report: report, unmapped: file.unmapped)))
      } catch let error as ContactFileError {
        return .importChecked(path: path, .refused(error.message))
      } catch let problem as ImportProblem {
        return .importChecked(path: path, .refused("line \(problem.line): \(problem.reason)"))
      }
    case .runImport(let path):
      do {
        let file = try ContactFileReader.read(path: path)
        return .importFinished(try importing(file, store: store, dryRun: false))
      } catch let error as ContactFileError {
        return .importChecked(path: path, .refused(error.message))
      } catch let problem as ImportProblem {
        return .importChecked(path: path, .refused("line \(problem.line): \(problem.reason)"))
      }
    default:
      return .failed("internal: \(effect) is not a merge or import effect")
    }
  }

  /// Invalid rows are skipped and reported; a file that cannot be read refuses the import.
  private static func importing(_ file: ContactFile, store: Store, dryRun: Bool) throws
    -> ImportReport
  {
    try store.importContacts(file.rows, dryRun: dryRun, skipInvalid: true, refuses: file.refuses)
  }
}
