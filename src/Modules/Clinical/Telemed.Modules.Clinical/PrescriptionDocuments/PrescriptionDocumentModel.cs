using Telemed.Modules.Clinical.Contracts;
using Telemed.Modules.Clinical.Prescriptions;

namespace Telemed.Modules.Clinical.PrescriptionDocuments;

/// <summary>Which paper form a prescription is printed on.</summary>
internal enum PrescriptionLayout
{
    /// <summary>
    /// Close to the Russian form 107-1/у (order of the Ministry of Health No. 1094n of 24 Nov 2021, annex 2), for clinics
    /// practising under the ru-323fz jurisdiction. Always in Russian.
    /// </summary>
    Russian1071u,

    /// <summary>A generic prescription with the same facts, in the reader's language (en or ru).</summary>
    Generic,
}

/// <summary>
/// Everything printed on a prescription document: the pharmacy's view of the signed prescription, the medicine as prescribed
/// (with its Russian INN and the formulary's units, so the document words it in its own language), the document's
/// <paramref name="Standing"/> (valid, or stamped cancelled / expired / not valid), the patient's full name (the document is
/// the patient's own; the public verification page shows initials only), the clinic's name and city in the document's language,
/// and the public verification address the QR code carries. Instants are UTC; <paramref name="TimeZone"/> is the clinic's IANA
/// zone the dates are printed in.
/// </summary>
internal sealed record PrescriptionDocumentModel(
    PrescriptionLayout Layout,
    string Language,
    PrescriptionForDispensing Prescription,
    PrescribedMedicine Medicine,
    DocumentStanding Standing,
    string PatientFullName,
    string ClinicName,
    string ClinicCity,
    string TimeZone,
    string VerificationUrl)
{
    /// <summary>The language the document is printed in: Russian for form 107-1/у whatever the reader's, else <see cref="Language"/>.</summary>
    public string DocumentLanguage => Layout == PrescriptionLayout.Russian1071u ? "ru" : Language;
}
