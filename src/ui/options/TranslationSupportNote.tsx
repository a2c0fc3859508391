/**
 * Whether this browser offers on-device translation (Chrome's built-in Translator and Language
 * Detector); if not, why, so an agent knows the feature is absent rather than broken.
 */
import { translationSupport } from '../../features/translation/on-device';
import { builtInAiScope } from '../panel/translation/built-in-scope';

export function TranslationSupportNote() {
  const support = translationSupport(builtInAiScope());
  return (
    <div data-testid="translation-support" data-available={support.available ? 'true' : 'false'}>
      {support.available ? (
        <p>
          This browser translates on this computer: visitor lines in another language show a translation beneath them, and you may write in
          your language and send a translation you preview first. Nothing is sent anywhere to translate. CRM pages must be https.
        </p>
      ) : (
        <p>
          On-device translation is not available: {support.message}
        </p>
      )}
    </div>
  );
}
