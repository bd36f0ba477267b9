import Link from 'next/link';

export default function LandingPage() {
  return (
    <>
      <h1>Bring guests into your Teams meetings, verified first.</h1>
      <p className="lead">
        Vestibule lets your staff share a Microsoft Teams meeting with named external guests. Guests join from the
        browser — no Microsoft account, no Teams licence — after proving they own the invited e-mail address. Only
        invited, verified guests ever get in, to that meeting only.
      </p>

      <div className="cards">
        <section className="card" aria-labelledby="for-staff">
          <h2 id="for-staff">For staff</h2>
          <ol>
            <li>Sign in with your work account (Microsoft Entra ID).</li>
            <li>Pick one of your Teams meetings, look one up by its link or meeting ID, or schedule a new one.</li>
            <li>
              Invite guests by e-mail. See who signed in, who waits in the lobby, who joined — and revoke access at any
              time.
            </li>
          </ol>
          <Link className="button" href="/portal">
            Staff sign-in
          </Link>
        </section>

        <section className="card" aria-labelledby="for-guests">
          <h2 id="for-guests">For guests</h2>
          <ol>
            <li>Open the link in your invitation e-mail.</li>
            <li>Confirm it is your e-mail address with a one-time sign-in link.</li>
            <li>Choose the name others will see, check your camera and microphone, and wait to be admitted.</li>
          </ol>
          <Link className="button button--secondary" href="/device-check">
            Check your camera and microphone
          </Link>
        </section>
      </div>
    </>
  );
}
