import Foundation
import Model
import Store
import Terminal

/// The new/edit forms of contacts and companies: their fields, and checking what was typed
/// with the Model's own rules, so a bad value is named in the form before anything is
/// written. The store effect gets plain strings; the runner turns them into records.
public enum RecordForm: Sendable, Hashable {
  case contact(editing: String?)
  case company(editing: String?)

  var titleKey: String {
    switch self {
    case .contact(let id): return id == nil ? "form.newContact" : "form.editContact"
    case .company(let id): return id == nil ? "form.newCompany" : "form.editCompany"
    }
  }
}

/// What the contact form holds. Email and phone are the contact's first (others are kept);
/// the company is named, and made when no company has that name.
public struct ContactFields: Sendable, Hashable {
  public var firstName = ""
  public var lastName = ""
  public var title = ""
  public var email = ""
  public var phone = ""
  public var company = ""
}

/// What the company form holds.
public struct CompanyFields: Sendable, Hashable {
  public var name = ""
  public var domain = ""
  public var phone = ""
  public var industry = ""
}

enum RecordFormFields {
  static func contact(_ row: ContactRow?, _ state: AppState) -> FormState {
    let c = row?.contact
    return FormState(fields: [
      FormField(state.text("form.firstName"), text: c?.firstName ?? ""),
      FormField(state.text("form.lastName"), text: c?.lastName ?? ""),
      FormField(state.text("form.jobTitle"), text: c?.title ?? ""),
      FormField(state.text("form.email"), text: c?.emails.first?.address ?? ""),
      FormField(state.text("form.phone"), text: c?.phones.first?.number ?? ""),
      FormField(state.text("form.company"), text: row?.companyName ?? ""),
    ])
  }

  static func company(_ company: Company?, _ state: AppState) -> FormState {
    FormState(fields: [
      FormField(state.text("form.name"), text: company?.name ?? ""),
      FormField(state.text("form.domain"), text: company?.domain ?? ""),
      FormField(state.text("form.phone"), text: company?.phone ?? ""),
      FormField(state.text("form.industry"), text: company?.industry ?? ""),
    ])
  }

  /// The effect the form asks for, or nil with the form's errors marked.
  static func submit(_ form: inout FormState, _ kind: RecordForm, state: AppState) -> Effect? {
    let values = form.values.map { $0.trimmingCharacters(in: .whitespaces) }
    switch kind {
    case .contact(let editing):
      let fields = ContactFields(
        firstName: values[0], lastName: values[1], title: values[2], email: values[3],
        phone: values[4], company: values[5])
      let valid = form.validate { index, _ in
        let text = values[index]
        switch index {
        case 0:
          return values[0].isEmpty && values[1].isEmpty ? state.text("form.error.name") : nil
        case 3:
          guard !text.isEmpty else { return nil }
          do { try EmailAddress.check(text, field: "email") } catch {
            return state.text("form.error.email", text)
          }
          return nil
        case 4:
          guard !text.isEmpty else { return nil }
          do { try PhoneNumber.check(text, field: "phone") } catch {
            return state.text("form.error.phone", text)
          }
          return nil
        default:
          return text.count > 200 ? state.text("form.error.long") : nil
        }
      }
      return valid ? .saveContact(fields, editing: editing) : nil
    case .company(let editing):
      let fields = CompanyFields(
        name: values[0], domain: values[1], phone: values[2], industry: values[3])
      let valid = form.validate { index, _ in
        let text = values[index]
        switch index {
        case 0: return text.isEmpty ? state.text("form.error.empty") : nil
        case 1:
          guard !text.isEmpty else { return nil }
          do { try Company(name: "x", domain: text).validate() } catch {
            return state.text("form.error.domain", text)
          }
          return nil
        case 2:
          guard !text.isEmpty else { return nil }
          do { try PhoneNumber.check(text, field: "phone") } catch {
            return state.text("form.error.phone", text)
          }
          return nil
        default:
          return text.count > 100 ? state.text("form.error.long") : nil
        }
      }
      return valid ? .saveCompany(fields, editing: editing) : nil
    }
  }
}
