export default function Loading() {
  return (
    <p role="status" aria-live="polite" className="banner banner--info">
      Loading your meetings from Microsoft Teams…
    </p>
  );
}
