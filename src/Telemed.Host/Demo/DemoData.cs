using Telemed.Modules.Directory.Contracts;

namespace Telemed.Host.Demo;

/// <summary>The demo clinic network: invented people, realistic shapes. Nothing here is a real person.</summary>
internal static class DemoData
{
    public const string Password = "Telemed-demo-2026";

    public static readonly NewClinic[] Clinics =
    [
        new("Telemed Clinic Moscow", "Tverskaya st. 12", "Moscow", 55.7652, 37.6050, "Europe/Moscow",
            new Dictionary<string, ClinicTexts> { ["ru"] = new("Клиника Telemed Москва", "ул. Тверская, 12", "Москва") }),
        new("Telemed Clinic Novosibirsk", "Krasny prospekt 25", "Novosibirsk", 55.0302, 82.9204, "Asia/Novosibirsk",
            new Dictionary<string, ClinicTexts> { ["ru"] = new("Клиника Telemed Новосибирск", "Красный проспект, 25", "Новосибирск") }),
    ];

    /// <summary>The doctors' bios in Russian, by e-mail (the English ones are on <see cref="Doctors"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string> RussianBios = new Dictionary<string, string>
    {
        ["anna.petrova@demo.telemed.dev"] = "Кардиолог: артериальная гипертензия, нарушения ритма, наблюдение при сердечной недостаточности. Считает, что хороший план — тот, который понятен пациенту.",
        ["james.whitfield@demo.telemed.dev"] = "Врач-кардиолог: эхокардиография и профилактическая кардиология. Учился в Лондоне, работает в Новосибирске.",
        ["sergey.volkov@demo.telemed.dev"] = "Семейный врач для взрослых: острые заболевания, контроль хронических болезней и профилактические осмотры.",
        ["maria.ivanova@demo.telemed.dev"] = "Терапевт и эндокринолог: сахарный диабет, заболевания щитовидной железы, коррекция веса.",
        ["olga.smirnova@demo.telemed.dev"] = "Дерматолог: экзема, акне, псориаз и первичная оценка образований кожи по фотографиям.",
        ["lena.schneider@demo.telemed.dev"] = "Дерматолог; особый интерес — кожные болезни и аллергия у детей.",
        ["dmitry.kozlov@demo.telemed.dev"] = "Педиатр для детей от рождения до 17 лет: температура, рост и развитие, вопросы вакцинации.",
        ["ekaterina.morozova@demo.telemed.dev"] = "Педиатр: бронхиальная астма и аллергия у детей, консультирование родителей.",
        ["alexei.sokolov@demo.telemed.dev"] = "Невролог: головная боль и мигрень, наблюдение при эпилепсии, помощь после инсульта.",
        ["natalia.lebedeva@demo.telemed.dev"] = "Невролог: боль в спине, нейропатии и нарушения сна.",
        ["irina.novikova@demo.telemed.dev"] = "Гинеколог: подбор контрацепции, менопауза и планирование беременности.",
        ["pavel.orlov@demo.telemed.dev"] = "Психиатр: тревога, депрессия и нарушения сна; пересмотр лекарственной терапии по видеосвязи.",
    };

    /// <summary>Doctors who take on-demand requests from the start, so "See a doctor now" reaches someone in the demo.</summary>
    public static readonly IReadOnlySet<string> OnDutyDoctors = new HashSet<string>(["sergey.volkov@demo.telemed.dev", "maria.ivanova@demo.telemed.dev"]);

    public sealed record DemoDoctor(string Email, string Name, string[] Specialties, string Category, int Years, long RateMinor, string[] Languages, int[] Clinics, string Bio, EducationEntry[] Education);

    public static readonly DemoDoctor[] Doctors =
    [
        new("anna.petrova@demo.telemed.dev", "Anna Petrova", ["cardiology"], "highest", 18, 450000, ["ru", "en"], [0],
            "Cardiologist focused on hypertension, arrhythmias and heart failure follow-up. Believes a good plan is one the patient understands.",
            [new("Pirogov Russian National Research Medical University", "MD", 2006), new("Bakulev Center for Cardiovascular Surgery", "Residency in cardiology", 2008)]),
        new("james.whitfield@demo.telemed.dev", "James Whitfield", ["cardiology"], "first", 11, 380000, ["en"], [1],
            "Consultant cardiologist; echocardiography and preventive cardiology. Trained in London, practising in Novosibirsk.",
            [new("King's College London", "MBBS", 2012)]),
        new("sergey.volkov@demo.telemed.dev", "Sergey Volkov", ["general-practice"], "first", 14, 250000, ["ru"], [0, 1],
            "Family physician for adults: acute illness, chronic disease review and check-ups.",
            [new("Sechenov University", "MD", 2010)]),
        new("maria.ivanova@demo.telemed.dev", "Maria Ivanova", ["general-practice", "endocrinology"], "highest", 22, 320000, ["ru", "en", "de"], [0],
            "Internist and endocrinologist: diabetes, thyroid disease and weight management.",
            [new("Sechenov University", "MD", 2002), new("Charité – Universitätsmedizin Berlin", "Fellowship in endocrinology", 2006)]),
        new("olga.smirnova@demo.telemed.dev", "Olga Smirnova", ["dermatology"], "first", 9, 300000, ["ru"], [1],
            "Dermatologist: eczema, acne, psoriasis and skin-lesion triage from photos.",
            [new("Novosibirsk State Medical University", "MD", 2015)]),
        new("lena.schneider@demo.telemed.dev", "Lena Schneider", ["dermatology"], "second", 6, 280000, ["de", "en", "ru"], [0],
            "Dermatologist with an interest in paediatric skin conditions and allergies.",
            [new("Heidelberg University", "Dr. med.", 2018)]),
        new("dmitry.kozlov@demo.telemed.dev", "Dmitry Kozlov", ["pediatrics"], "highest", 20, 270000, ["ru", "en"], [0],
            "Paediatrician for children from birth to 17: fevers, growth, vaccination questions.",
            [new("Pirogov Russian National Research Medical University", "MD (Paediatrics)", 2004)]),
        new("ekaterina.morozova@demo.telemed.dev", "Ekaterina Morozova", ["pediatrics"], "first", 8, 240000, ["ru"], [1],
            "Paediatrician; asthma and allergy in children, parent coaching.",
            [new("Novosibirsk State Medical University", "MD (Paediatrics)", 2016)]),
        new("alexei.sokolov@demo.telemed.dev", "Alexei Sokolov", ["neurology"], "highest", 25, 420000, ["ru", "en"], [0],
            "Neurologist: headache and migraine, epilepsy follow-up, post-stroke care.",
            [new("Sechenov University", "MD", 1999), new("Research Center of Neurology", "PhD", 2004)]),
        new("natalia.lebedeva@demo.telemed.dev", "Natalia Lebedeva", ["neurology"], "second", 5, 300000, ["ru"], [1],
            "Neurologist; back pain, neuropathies and sleep disorders.",
            [new("Novosibirsk State Medical University", "MD", 2019)]),
        new("irina.novikova@demo.telemed.dev", "Irina Novikova", ["gynecology"], "first", 13, 350000, ["ru", "en"], [0],
            "Gynaecologist: contraception counselling, menopause care and pregnancy planning.",
            [new("Kulakov National Medical Research Center", "Residency in obstetrics and gynaecology", 2011)]),
        new("pavel.orlov@demo.telemed.dev", "Pavel Orlov", ["psychiatry"], "first", 12, 400000, ["ru", "en"], [0, 1],
            "Psychiatrist: anxiety, depression and sleep; medication review by video.",
            [new("Serbsky National Medical Research Center", "Residency in psychiatry", 2012)]),
    ];

    public sealed record DemoPatient(string Email, string Given, string Family, DateOnly Born, string Sex, string Phone, string Insurance, string Policy, string[] Allergies, string[] Chronic, string Language);

    public static readonly DemoPatient[] Patients =
    [
        new("ivan.kuznetsov@demo.telemed.dev", "Ivan", "Kuznetsov", new(1968, 3, 14), "male", "+7 916 555 01 01", "SOGAZ-Med", "7750 0001 2345 6701", ["Penicillin"], ["Hypertension"], "ru"),
        new("elena.popova@demo.telemed.dev", "Elena", "Popova", new(1985, 7, 2), "female", "+7 916 555 01 02", "Ingosstrakh-M", "7750 0001 2345 6702", ["Latex"], ["Asthma"], "ru"),
        new("mikhail.vasiliev@demo.telemed.dev", "Mikhail", "Vasiliev", new(1954, 11, 23), "male", "+7 916 555 01 03", "RESO-Med", "7750 0001 2345 6703", ["Sulfonamides"], ["Atrial fibrillation", "Type 2 diabetes"], "ru"),
        new("svetlana.pavlova@demo.telemed.dev", "Svetlana", "Pavlova", new(1992, 1, 9), "female", "+7 916 555 01 04", "SOGAZ-Med", "7750 0001 2345 6704", ["Peanuts"], [], "ru"),
        new("andrei.semenov@demo.telemed.dev", "Andrei", "Semenov", new(1977, 5, 30), "male", "+7 916 555 01 05", "AlfaStrakhovanie-OMS", "7750 0001 2345 6705", ["Aspirin"], ["Chronic kidney disease stage 2"], "ru"),
        new("tatiana.golubeva@demo.telemed.dev", "Tatiana", "Golubeva", new(1961, 9, 17), "female", "+7 913 555 02 06", "Kapital MS", "5450 0002 3456 7806", ["Iodinated contrast"], ["Hypothyroidism"], "ru"),
        new("nikolai.vinogradov@demo.telemed.dev", "Nikolai", "Vinogradov", new(1999, 12, 5), "male", "+7 913 555 02 07", "Kapital MS", "5450 0002 3456 7807", [], ["Type 1 diabetes"], "ru"),
        new("anastasia.bogdanova@demo.telemed.dev", "Anastasia", "Bogdanova", new(2015, 4, 21), "female", "+7 913 555 02 08", "SOGAZ-Med", "5450 0002 3456 7808", ["Egg protein"], ["Atopic dermatitis"], "ru"),
        new("oliver.grant@demo.telemed.dev", "Oliver", "Grant", new(1980, 2, 11), "male", "+44 7700 900101", "Bupa Global", "BUPA-GB-448201", ["Codeine"], [], "en"),
        new("sophie.turner@demo.telemed.dev", "Sophie", "Turner", new(1994, 8, 27), "female", "+44 7700 900102", "Allianz Care", "ALZ-IE-220913", ["Bee stings"], ["Migraine"], "en"),
        new("roman.fedorov@demo.telemed.dev", "Roman", "Fedorov", new(1972, 6, 3), "male", "+7 916 555 01 11", "Ingosstrakh-M", "7750 0001 2345 6711", [], ["Gout"], "ru"),
        new("yulia.mikhailova@demo.telemed.dev", "Yulia", "Mikhailova", new(1988, 10, 12), "female", "+7 916 555 01 12", "RESO-Med", "7750 0001 2345 6712", ["Ibuprofen"], [], "ru"),
        new("artem.belov@demo.telemed.dev", "Artem", "Belov", new(2010, 1, 28), "male", "+7 913 555 02 13", "SOGAZ-Med", "5450 0002 3456 7813", ["Amoxicillin"], ["Asthma"], "ru"),
        new("daria.komarova@demo.telemed.dev", "Daria", "Komarova", new(1996, 3, 6), "female", "+7 913 555 02 14", "Kapital MS", "5450 0002 3456 7814", [], ["Polycystic ovary syndrome"], "ru"),
        new("viktor.zaitsev@demo.telemed.dev", "Viktor", "Zaitsev", new(1949, 12, 19), "male", "+7 916 555 01 15", "SOGAZ-Med", "7750 0001 2345 6715", ["Warfarin intolerance"], ["Heart failure", "COPD"], "ru"),
        new("ksenia.orekhova@demo.telemed.dev", "Ksenia", "Orekhova", new(1983, 5, 25), "female", "+7 916 555 01 16", "AlfaStrakhovanie-OMS", "7750 0001 2345 6716", ["Shellfish"], ["Depression"], "ru"),
        new("grigory.tarasov@demo.telemed.dev", "Grigory", "Tarasov", new(1966, 7, 7), "male", "+7 913 555 02 17", "RESO-Med", "5450 0002 3456 7817", [], ["Epilepsy"], "ru"),
        new("emily.watson@demo.telemed.dev", "Emily", "Watson", new(1990, 11, 1), "female", "+44 7700 900118", "Cigna Global", "CIG-UK-771204", ["Nickel"], ["Psoriasis"], "en"),
        new("boris.kovalev@demo.telemed.dev", "Boris", "Kovalev", new(1958, 4, 15), "male", "+7 913 555 02 19", "Kapital MS", "5450 0002 3456 7819", ["Metamizole"], ["Coronary artery disease"], "ru"),
        new("alina.sharova@demo.telemed.dev", "Alina", "Sharova", new(2001, 9, 30), "female", "+7 916 555 01 20", "SOGAZ-Med", "7750 0001 2345 6720", [], [], "ru"),
    ];

    public sealed record DemoStaff(string Role, string Email, string Name);

    public static readonly DemoStaff[] Staff =
    [
        new("Admin", "admin@demo.telemed.dev", "Alexandra Admin"),
        new("FrontDesk", "frontdesk@demo.telemed.dev", "Galina Reception"),
        new("Pharmacist", "pharmacist@demo.telemed.dev", "Pyotr Pharmacist"),
    ];

    /// <summary>Which demo doctor (by index) already treats which demo patients (by index): their care relationships.</summary>
    public static readonly (int Doctor, int[] Patients)[] CareTeams =
    [
        (0, [0, 2, 14, 18]),
        (2, [0, 1, 3, 4, 10, 11]),
        (3, [5, 6]),
        (4, [17]),
        (6, [7, 12]),
        (8, [9, 16]),
        (11, [15]),
    ];

    /// <summary>
    /// A working week in each clinic's local time: one clinic gets Monday–Friday 09:00–17:00 and
    /// Saturday 10:00–14:00; a doctor in two clinics splits the weekdays between them.
    /// </summary>
    public static IEnumerable<(int Clinic, IReadOnlyList<Telemed.Modules.Scheduling.Contracts.WeeklyRange> Hours)> WorkingWeek(int[] clinics)
    {
        static Telemed.Modules.Scheduling.Contracts.WeeklyRange Day(DayOfWeek day, int from, int to) => new(day, new TimeOnly(from, 0), new TimeOnly(to, 0));
        if (clinics.Length == 1)
        {
            yield return (clinics[0], [Day(DayOfWeek.Monday, 9, 17), Day(DayOfWeek.Tuesday, 9, 17), Day(DayOfWeek.Wednesday, 9, 17),
                Day(DayOfWeek.Thursday, 9, 17), Day(DayOfWeek.Friday, 9, 17), Day(DayOfWeek.Saturday, 10, 14)]);
            yield break;
        }

        yield return (clinics[0], [Day(DayOfWeek.Monday, 9, 17), Day(DayOfWeek.Wednesday, 9, 17), Day(DayOfWeek.Friday, 9, 17), Day(DayOfWeek.Saturday, 10, 14)]);
        yield return (clinics[1], [Day(DayOfWeek.Tuesday, 9, 17), Day(DayOfWeek.Thursday, 9, 17)]);
    }

    /// <summary>
    /// An invented, verified licence for demo doctor <paramref name="index"/>: an active doctor needs one (issue 11, item 3). Its last
    /// day is 31 December five years after the year of <paramref name="seededOn"/> (the UTC day of the seed), so a demo seeded on any
    /// day has bookable doctors for at least five years; a fixed date (it was 2031-12-31) left the demo clinic with no bookable doctor
    /// after it. The same within a calendar year, so a re-seed that year changes nothing; a seed in a later year renews it (the
    /// <see cref="DemoSeedMarker"/> includes this day, so the first start in a new year seeds again).
    /// </summary>
    public static LicenceRecord LicenceFor(int index, DateOnly seededOn) =>
        new($"DEMO-LO-77-{index + 1:000000}", "Demo Health Department", new DateOnly(seededOn.Year + 5, 12, 31));
}
