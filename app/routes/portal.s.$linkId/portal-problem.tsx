/** The page a supplier sees when a portal link cannot open: expired, revoked, or opened without its cookie. */
import { AppProvider, Banner, Page } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";

export function PortalProblem({ message }: { message: string }) {
  return (
    <AppProvider i18n={polarisTranslations}>
      <Page title="Supplier portal">
        <Banner tone="warning" title="This link cannot open the portal">
          <p>{message}</p>
        </Banner>
      </Page>
    </AppProvider>
  );
}
