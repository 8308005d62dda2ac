import { api } from "../../shared/api/client";

/** A pharmacy near the asked point (GET /pharmacies; docs/pharmacy.md): decimal degrees, distance in km. */
export interface NearbyPharmacy {
  id: string;
  name: string;
  address: string;
  city: string;
  latitude: number;
  longitude: number;
  phone: string;
  openingHours: string;
  distanceKm: number;
}

/** Where a prescription stands at the pharmacy; UTC instant; quantities in the prescription's unit. */
export interface DispensingStatus {
  prescriptionId: string;
  status: "sent" | "partiallyDispensed" | "dispensed" | "declined";
  pharmacyId?: string | null;
  pharmacyName?: string | null;
  quantityDispensed: number;
  quantityPrescribed: number;
  updatedAt: string;
}

/** The patient's pharmacy calls. Coordinates go in the query string: they are not PHI, and the server never logs them. */
export const pharmaciesApi = {
  near: (lat: number, lon: number, radiusKm = 25) =>
    api.get<NearbyPharmacy[]>(`/pharmacies?lat=${encodeURIComponent(lat)}&lon=${encodeURIComponent(lon)}&radiusKm=${encodeURIComponent(radiusKm)}`),
  sendTo: (prescriptionId: string, pharmacyId: string) =>
    api.post<DispensingStatus>(`/me/prescriptions/${encodeURIComponent(prescriptionId)}/pharmacy`, { pharmacyId }),
  status: (prescriptionId: string) => api.get<DispensingStatus>(`/me/prescriptions/${encodeURIComponent(prescriptionId)}/dispensing`),
};
