using Telemed.Modules.Directory.Contracts;

namespace Telemed.Host.Demo;

/// <summary>The demo clinics' public pages in English and Russian (written once; an admin's edits are kept).</summary>
public sealed class DemoClinicPages(IDirectoryModule directory, IClinicPages pages)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var clinic in await directory.GetClinicsAsync(ct))
        {
            if (DemoData.Clinics.All(c => c.Name != clinic.Name))
            {
                continue;
            }

            await pages.EnsurePageAsync(clinic.ClinicId, "en", English(clinic.City), ct);
            await pages.EnsurePageAsync(clinic.ClinicId, "ru", Russian(clinic.City), ct);
        }
    }

    private static ClinicPageText English(string city) => new(
        Services: $"""
            ## What we offer in {city}

            - **Online consultations** by video or chat with therapists, cardiologists, dermatologists, paediatricians and more
            - **See a doctor now**: an on-call doctor of the specialty you choose, usually within minutes
            - **Follow-up visits**, prescriptions and referrals after your consultation
            """,
        VisitTypes: """
            | Visit | Length | Price |
            | --- | --- | --- |
            | Video consultation | 30 min | from 1 250 ₽ |
            | Chat consultation | 30 min | from 1 250 ₽ |
            | In-person visit | 30 min | from 1 500 ₽ |

            Each doctor's profile shows their own price for the visit you choose.
            """,
        Faq: """
            ### Do I need an account to book?
            Yes: create one from the sign-in page; it takes a minute.

            ### Can I cancel a visit?
            Yes, from *My appointments*. Cancelling shortly before the visit may be counted as late.

            ### What if I need help urgently?
            Call the emergency services (112). Online consultations are not for emergencies.
            """,
        Contacts: $"""
            Write to us at [info@demo.telemed.dev](mailto:info@demo.telemed.dev) or call [+7 495 000-00-00](tel:+74950000000).

            Our front desk in {city} answers on working days.
            """);

    private static ClinicPageText Russian(string city) => new(
        Services: $"""
            ## Что мы предлагаем ({city})

            - **Онлайн-консультации** по видео или в чате: терапевты, кардиологи, дерматологи, педиатры и другие врачи
            - **Врач сейчас**: дежурный врач выбранной специальности, обычно в течение нескольких минут
            - **Повторные приёмы**, рецепты и направления после консультации
            """,
        VisitTypes: """
            | Приём | Длительность | Цена |
            | --- | --- | --- |
            | Видеоконсультация | 30 мин | от 1 250 ₽ |
            | Консультация в чате | 30 мин | от 1 250 ₽ |
            | Очный приём | 30 мин | от 1 500 ₽ |

            В профиле каждого врача указана его цена за выбранный приём.
            """,
        Faq: """
            ### Нужна ли учётная запись для записи?
            Да: создайте её на странице входа, это займёт минуту.

            ### Можно ли отменить приём?
            Да, в разделе *Мои приёмы*. Отмена незадолго до приёма может считаться поздней.

            ### Что делать, если помощь нужна срочно?
            Звоните в экстренные службы (112). Онлайн-консультации не предназначены для неотложных случаев.
            """,
        Contacts: $"""
            Пишите нам: [info@demo.telemed.dev](mailto:info@demo.telemed.dev) или звоните: [+7 495 000-00-00](tel:+74950000000).

            Регистратура клиники ({city}) отвечает в рабочие дни.
            """);
}
