// Site-wide names used in metadata, the header and the home page.
export const SITE_NAME = "Integration setup guides";
export const SITE_DESCRIPTION =
  "Step-by-step guides for setting up accounting integrations, starting with Dynamics 365 Business Central: register the Microsoft Entra ID app, create its secret, grant permissions and connect it to the Codat Portal.";
