using Telemed.BuildingBlocks.Cluster;
using Microsoft.Extensions.Configuration;
using Telemed.BuildingBlocks.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Telemed.BuildingBlocks.Data;
using Telemed.BuildingBlocks.Data.Migrations;
using Telemed.BuildingBlocks.Events;
using Telemed.BuildingBlocks.Http;
using Telemed.Modules.Directory.Clinics;
using Telemed.Modules.Directory.Clinics.Pages;
using Telemed.Modules.Directory.Contracts;
using Telemed.Modules.Directory.Doctors;
using Telemed.Modules.Directory.Doctors.Administration;
using Telemed.Modules.Directory.Infrastructure;
using Telemed.Modules.Directory.Patients;
using Telemed.Modules.Directory.Patients.Dependents;
using Telemed.Modules.Identity.Contracts;

namespace Telemed.Modules.Directory;

/// <summary>Directory: clinics, doctor profiles and search, patient profiles.</summary>
public sealed class DirectoryModule : IModule
{
    public string Name => "directory";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<DirectoryDbContext>();
        services.AddSingleton(new ModuleMigrations("directory", typeof(DirectoryDbContext), typeof(DirectoryModule).Assembly));
        services.AddSingleton<DirectoryCache>();
        services.AddClusterSignalHandler<DirectoryReferenceChanged, ClearDirectoryCache>();
        services.AddHostedService<DirectoryReferenceWatch>();
        services.AddScoped<IStartupTask, Clinics.NormaliseClinicTimeZones>();
        services.AddScoped<IStartupTask, Clinics.FillClinicNameKeys>();
        services.AddPublicReadRateLimit(configuration);
        services.AddScoped<PatientRecords>();
        services.AddScoped<IDirectoryModule, DirectoryFacade>();
        services.AddScoped<IPatientContactErasure, Patients.PatientContactErasure>();
        services.AddScoped<IPatientLinks, PatientLinks>();
        services.AddScoped<IPatientRepresentation, PatientRepresentation>();
        services.AddScoped<IDoctorFigures, DoctorFiguresReader>();
        services.AddScoped<IClinicPages, ClinicPagesFacade>();
        services.AddScoped<IPatientProfileImport, Patients.Import.PatientProfileImport>();
        services.AddIntegrationEventHandler<PatientRegistered, CreateProfileWhenPatientRegistered>();
        services.AddIntegrationEventHandler<StaffAccountCreated, CreateDoctorProfileWhenStaffCreated>();
    }

    public void MapEndpoints(IEndpointRouteBuilder api)
    {
        api.MapDoctorSearchEndpoints();
        api.MapMyDoctorProfileEndpoints();
        api.MapDoctorVerificationEndpoints();
        api.MapDoctorAdminProfileEndpoints();
        api.MapClinicAdminEndpoints();
        api.MapClinicPageEndpoints();
        api.MapPublicClinicEndpoints();
        api.MapMyPatientProfileEndpoints();
        api.MapPatientAccessEndpoints();
        api.MapDependentEndpoints();
    }
}
